from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Tooling for benchmarks and tests, apart from the product: the synthetic lab
    (`manage.py make_bench_data`), the reference "floor" views and scratch databases."""

    name = "devtools"
    verbose_name = "Benchmark and test tooling"
