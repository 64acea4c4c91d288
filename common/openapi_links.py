"""OpenAPI links: what a client can do next with the record an operation answered with.

Derived from the shape of the API, so a new endpoint gets its links without a line here:

- a create (POST on `/x/`, answering 201 with an `id`) links to every operation on that record
  (`/x/{id}/...`), and so does a change (PATCH on `/x/{id}/`, answering 200);
- where such an operation's body takes the record's `version` (optimistic locking), the link
  fills it in from the answer;
- a create links to the creates of other records whose body names this kind of record by its
  id (`client` for `/clients/`, `service_type` for `/service-types/`).

Readers of the document see what follows from what; a test generator follows the links to
chain a create with reads and writes of the record it made.
"""

from typing import Any

Schema = dict[str, Any]


def _component(result: Schema, schema: Schema | None) -> Schema:
    """The object schema `schema` points to (a `$ref` to a component), or itself."""
    if not schema:
        return {}
    reference = schema.get("$ref", "")
    if reference.startswith("#/components/schemas/"):
        return result["components"]["schemas"].get(reference.rsplit("/", 1)[1], {})
    return schema


def _json_schema(result: Schema, holder: Schema | None) -> Schema:
    content = (holder or {}).get("content", {}).get("application/json", {})
    return _component(result, content.get("schema"))


def _properties(result: Schema, holder: Schema | None) -> dict[str, Any]:
    return dict(_json_schema(result, holder).get("properties", {}))


def _record_name(collection: str) -> str:
    """`/api/v1/service-types/` -> `service_type`: how a body names one of its records."""
    last = collection.rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix("s").replace("-", "_")


def _link(target: Schema, id_from: str, answer: dict[str, Any], result: Schema) -> Schema:
    """A link to `target` with the path's `id` from `id_from` and, where its body takes the
    record's version, the version from the answer."""
    link: Schema = {"operationId": target["operationId"], "parameters": {"path.id": id_from}}
    body = _properties(result, target.get("requestBody"))
    if "version" in body and "version" in answer:
        link["requestBody"] = {"version": "$response.body#/version"}
    return link


def _record_operations(paths: Schema, collection: str) -> list[Schema]:
    item = f"{collection}{{id}}/"
    return [
        operation
        for path, operations in paths.items()
        if path.startswith(item)
        for method, operation in operations.items()
        if method in ("get", "post", "patch", "put", "delete")
    ]


def _links_from_record(result: Schema, collection: str, response: Schema, id_from: str) -> None:
    answer = _properties(result, response)
    if "id" not in answer and id_from.startswith("$response"):
        return
    links = response.setdefault("links", {})
    for target in _record_operations(result["paths"], collection):
        links.setdefault(target["operationId"], _link(target, id_from, answer, result))
    if not links:
        del response["links"]


def _links_to_creates(result: Schema, collection: str, response: Schema) -> None:
    """From a create to the creates whose body names the new record by its id."""
    if "id" not in _properties(result, response):
        return
    name = _record_name(collection)
    for path, operations in result["paths"].items():
        target = operations.get("post")
        if target is None or path == collection or "{" in path:
            continue
        if name in _properties(result, target.get("requestBody")):
            link = {
                "operationId": target["operationId"],
                "requestBody": {name: "$response.body#/id"},
            }
            response.setdefault("links", {}).setdefault(target["operationId"], link)


def add_links(result: Schema, generator: Any, request: Any, public: bool) -> Schema:
    """drf-spectacular hook: the links described above, on the 201 of every create and the 200
    of every change."""
    paths = result.get("paths", {})
    for path, operations in paths.items():
        if path.endswith("{id}/") and "patch" in operations:
            changed = operations["patch"].get("responses", {}).get("200")
            if changed is not None:
                _links_from_record(result, path.removesuffix("{id}/"), changed, "$request.path.id")
        created = operations.get("post", {}).get("responses", {}).get("201")
        if created is not None and "{" not in path:
            _links_from_record(result, path, created, "$response.body#/id")
            _links_to_creates(result, path, created)
    return result
