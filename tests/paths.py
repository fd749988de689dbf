from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURE_SEEDS = REPO_ROOT / "tests" / "fixtures" / "seeds"
DEVDATA = REPO_ROOT.parent / "shared" / "devdata"
