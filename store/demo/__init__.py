"""The living demo district: a fictional committee with two years of records."""

from store.demo.build import (
    TABLES,
    DemoSummary,
    build_demo,
    build_demo_file,
    demo_path,
)

__all__ = [
    "TABLES",
    "DemoSummary",
    "build_demo",
    "demo_path",
    "build_demo_file",
]
