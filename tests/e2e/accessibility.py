"""The accessibility check every browser test runs on the pages it visits."""

from axe_playwright_python.sync_playwright import Axe

#: The axe-core impact levels that fail a test; minor and moderate ones are reported by axe only.
SERIOUS = {"serious", "critical"}


def assert_accessible(page, name: str) -> None:
    """Run axe-core on ``page``; fail naming each serious or critical violation and where."""
    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not violations, f"{name}: " + "; ".join(summary)
