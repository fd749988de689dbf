"""The warehouse is described where people look: every mart column in dbt (and so in the Dagster UI and
dbt docs), every mart and column in docs/warehouse.md, and asset descriptions without the raw SQL."""

import json
import re

import dagster as dg

from tests.paths import REPO_ROOT

MANIFEST = REPO_ROOT / "dbt_project" / "target" / "manifest.json"
WAREHOUSE_DOC = REPO_ROOT / "docs" / "warehouse.md"


def mart_models() -> dict[str, dict]:
    """The marts as dbt parsed them (`dbt parse`, run in pytest_configure): name -> manifest node."""
    nodes = json.loads(MANIFEST.read_text(encoding="utf-8"))["nodes"]
    return {
        node["name"]: node
        for node in nodes.values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
    }


def test_every_mart_column_is_described_in_the_dbt_yml(dbt_manifest):
    marts = mart_models()
    assert {"source_files", "articles", "entities", "mentions", "events", "event_mentions"} <= set(marts)
    undescribed = [
        f"{name}.{column}"
        for name, node in marts.items()
        for column, spec in node["columns"].items()
        if not spec.get("description", "").strip()
    ]
    assert not undescribed, undescribed
    for name, node in marts.items():
        assert node["description"].strip(), name
        # contracts enforced: the yml lists every column the SQL returns, so "described" means all of them
        assert node["config"]["contract"]["enforced"], name


def doc_tables() -> dict[str, list[str]]:
    """docs/warehouse.md: the columns listed under each `### marts.NAME` heading."""
    tables, current = {}, None
    for line in WAREHOUSE_DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `?marts\.(\w+)`?", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
        elif line.startswith("### ") or line.startswith("## "):
            current = None
        elif current is not None and line.startswith("| `"):
            current += re.findall(r"`(\w+)`", line.split("|")[1])
    return tables


def test_the_warehouse_doc_lists_every_mart_and_column(dbt_manifest):
    documented = doc_tables()
    for name, node in mart_models().items():
        assert name in documented, name
        assert sorted(documented[name]) == sorted(node["columns"]), name


def test_the_readme_links_the_contract_inside_the_repository():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared/CONTRACTS.md" not in readme
    assert "](docs/warehouse.md)" in readme
    for link in re.findall(r"\]\(((?!https?:|#)[^)]+)\)", readme):
        assert (REPO_ROOT / link.split("#")[0]).exists(), link


def test_dbt_asset_descriptions_do_not_carry_the_raw_sql(definitions):
    graph = definitions.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        description = graph.get(key).description or ""
        assert "#### Raw SQL" not in description, key
    events = graph.get(dg.AssetKey(["marts", "event_mentions"]))
    assert events.description.startswith("One row per occurrence of an event")
    assert "```sql" in events.metadata["sql"].value
