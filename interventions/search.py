"""Finding conversations by what their reports say: PostgreSQL's full-text search with the Dutch
configuration (stemming: "solliciteren" finds "sollicitatie"), served by a GIN index; elsewhere
(SQLite in development) every word must occur in the report, in any case."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet

from .models import Conversation

CONFIG = "dutch"
# The indexed expression: a query must use the very same one for the index to serve it
# (migration 0006 makes the index on PostgreSQL).
SUMMARY_VECTOR = SearchVector("summary", config=CONFIG)
# ts_headline marks the matches but escapes nothing: it marks them with control characters
# (which a report cannot contain), and the page escapes the text before turning them into <mark>.
MARK_START, MARK_STOP = "\x02", "\x03"


def search_reports(conversations: QuerySet[Conversation], text: str) -> QuerySet[Conversation]:
    """The conversations whose report matches `text`, best match first (newest on SQLite),
    each with `excerpt`: the matching passage, marked on PostgreSQL."""
    text = text.strip()
    if connection.vendor != "postgresql":
        found = conversations
        for word in text.split():
            found = found.filter(summary__icontains=word)
        return found.annotate(excerpt=F("summary")).order_by("-held_on", "-id")
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    return (
        conversations.annotate(vector=SUMMARY_VECTOR)
        .filter(vector=query)
        .annotate(
            rank=SearchRank(SUMMARY_VECTOR, query),
            excerpt=SearchHeadline(
                "summary",
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=30,
                min_words=10,
            ),
        )
        .order_by("-rank", "-held_on", "-id")
    )
