from tests.parallel_services import redis_url_for_worker


def test_each_worker_gets_a_redis_database_of_its_own():
    url = "redis://127.0.0.1:6379/15"
    assert redis_url_for_worker(url, "gw0") == url
    assert redis_url_for_worker(url, "gw1") == "redis://127.0.0.1:6379/14"
    assert redis_url_for_worker("redis://127.0.0.1:6379", "gw1") == "redis://127.0.0.1:6379/15"
    assert (
        redis_url_for_worker("redis://:pw@host:6380/2?x=1", "gw2") == "redis://:pw@host:6380/0?x=1"
    )
