"""The project's layers (docs/layers.md): every import of a project module, at the top of a file or
inside a function, goes to the same layer or one below, and no chain of imports comes back to where
it started. An import inside a function is counted like any other, so one cannot hide a circle."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "portal",
    "accounts",
    "people",
    "publications",
    "achievements",
    "news",
    "activities",
    "jobs",
    "watch",
    "siteimport",
    "devtools",
]
CONTENT_APPS = {"people", "publications", "achievements", "news", "activities"}
# A content app's modules that face users (admin, API, pages, jobs): they sit on top of roles and review.
FACES = {"admin", "api", "views", "urls", "feeds", "filters", "forms", "tasks", "management"}
# The portal package's site-wide modules: the rest of it is the core every app builds on.
SITE_WIDE = ("urls", "views", "sitemaps", "admin", "backup", "demo", "management", "settings", "wsgi", "asgi")
CORE, CONTENT, ROLES, SITE = 0, 1, 2, 3
NAMES = {CORE: "core", CONTENT: "content", ROLES: "roles and review", SITE: "site-wide"}


def layer_of(module: str) -> int:
    package, _, rest = module.partition(".")
    first = rest.split(".")[0]
    if package == "portal":
        return SITE if first in SITE_WIDE else CORE
    if package in CONTENT_APPS:
        return SITE if first in FACES else CONTENT
    if package == "accounts":
        return ROLES
    return SITE


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> dict[str, int]:
    """The project modules `name` imports, anywhere in the file: {module: line}."""

    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = {}
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            module = known(target)
            if module and module != name:
                found.setdefault(module, node.lineno)
    return found


def import_graph() -> dict[str, dict[str, int]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def circles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each as its sorted names."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_the_walk_sees_imports_inside_functions_and_finds_a_circle(tmp_path):
    first, second = tmp_path / "first.py", tmp_path / "second.py"
    first.write_text("import os\n\n\ndef later():\n    from . import second\n")
    second.write_text("from pkg.first import later\n")
    modules = {"pkg.first": first, "pkg.second": second}
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert graph == {"pkg.first": {"pkg.second": 5}, "pkg.second": {"pkg.first": 1}}
    assert circles(graph) == [["pkg.first", "pkg.second"]]


def test_no_import_circle_among_the_projects_modules():
    graph = import_graph()
    assert len(graph) > 150  # the walk found the project
    assert circles(graph) == []


def test_imports_go_to_the_same_layer_or_below():
    upward = [
        f"{module}:{line} ({NAMES[layer_of(module)]}) imports {target} ({NAMES[layer_of(target)]})"
        for module, targets in sorted(import_graph().items())
        for target, line in targets.items()
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_the_core_knows_no_app():
    graph = import_graph()
    core = [module for module in graph if layer_of(module) == CORE]
    assert {"portal.models", "portal.cache", "portal.visibility", "portal.content"} <= set(core)
    assert [(module, target) for module in core for target in graph[module] if layer_of(target) != CORE] == []


LINE_LIST_IMPORTERS = [
    "people.roster.parse",
    "news.importers",
    "people.honors",
    "publications.importers.markdown",
    "publications.importers.collection",
]


def imports_in_functions(path: Path) -> list[str]:
    """`function:line` of each import of a project module in a function body (AppConfig.ready, where
    Django wants them, left out)."""
    found = []
    for function in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                )
                ours = getattr(node, "level", 0) or any(name.split(".")[0] in PACKAGES for name in names)
                if ours:
                    found.append(f"{function.name}:{node.lineno}")
    return found


def test_no_project_module_is_imported_inside_a_function(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def ready():\n    from . import a\n\n\n"
        "def later():\n    import json\n    from people import models\n"
    )
    assert imports_in_functions(probe) == ["later:7"]
    inside = {
        name: found for name, path in project_modules().items() if (found := imports_in_functions(path))
    }
    assert inside == {}


def test_the_line_based_importers_share_one_reader():
    graph = import_graph()
    assert all("portal.lines" in graph[module] for module in LINE_LIST_IMPORTERS)
    # nobody else reads headings or numbers the lines of a file
    own_readers = [
        name
        for name, path in project_modules().items()
        if name != "portal.lines"
        and re.search(r"#\{1,6\}|enumerate\([a-z_.]*splitlines\(\)", path.read_text())
    ]
    assert own_readers == []


def test_no_product_module_is_over_500_lines():
    long = {
        name: lines
        for name, path in project_modules().items()
        if (lines := len(path.read_text().splitlines())) > 500
    }
    assert long == {}
