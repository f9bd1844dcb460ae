"""requirements.lock against pyproject.toml.

pyproject.toml says which packages the server needs, each with a range of versions;
requirements.lock is what the Dockerfile and CI install: one exact version of every package
(the dependencies' own dependencies too), each with the hashes of its files, so that
`pip install --require-hashes -r requirements.lock` installs exactly that or nothing.
Nothing keeps the two in step by itself, so these tests fail when they disagree: after a
change to the dependencies in pyproject.toml, make the lock again with the command at its
top (uv installs with `pip install uv`).
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
AGAIN = "make requirements.lock again with the command at its top"

# The Pythons the lock is for (CI tests the oldest and the newest; the image runs 3.14),
# on each operating system a learner or a server may have.
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
SYSTEMS = [("linux", "Linux", "posix"), ("darwin", "Darwin", "posix"), ("win32", "Windows", "nt")]
ENVIRONMENTS = [
    {
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": sys_platform,
        "platform_system": platform_system,
        "os_name": os_name,
    }
    for python in PYTHONS
    for sys_platform, platform_system, os_name in SYSTEMS
]


def declared() -> list[Requirement]:
    """What pyproject.toml asks for: the dependencies, and the postgres extra (the Dockerfile
    installs it)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["postgres"]
    return [Requirement(line) for line in wanted]


def locked() -> list[tuple[Requirement, list[str]]]:
    """Every requirement of the lock with its hashes. One requirement goes on over the lines
    that end with a backslash; a comment is a line of its own."""
    text = (ROOT / "requirements.lock").read_text()
    entries = []
    for line in re.sub(r"\\\n", " ", text).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement, _, _ = line.partition(" --hash=")
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})\b", line)
        entries.append((Requirement(requirement), hashes))
    return entries


def applies(marker: Marker | None, environment: dict[str, str]) -> bool:
    return marker is None or marker.evaluate(environment)


def test_every_requirement_of_the_lock_is_pinned_with_a_hash():
    entries = locked()
    assert entries, "requirements.lock lists no package"
    for requirement, hashes in entries:
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", (
            f"{requirement}: one exact version (==) for each package; {AGAIN}"
        )
        assert hashes, f"{requirement}: no --hash=sha256: for it; {AGAIN}"


@pytest.mark.parametrize("dependency", declared(), ids=str)
def test_each_dependency_is_locked_within_its_range(dependency):
    pins = [
        (requirement, Version(next(iter(requirement.specifier)).version))
        for requirement, _ in locked()
        if canonicalize_name(requirement.name) == canonicalize_name(dependency.name)
    ]
    assert pins, f"{dependency.name} is in pyproject.toml, not in requirements.lock; {AGAIN}"
    for requirement, version in pins:
        assert dependency.specifier.contains(version, prereleases=True), (
            f"requirements.lock has {requirement}, outside pyproject.toml's {dependency}; {AGAIN}"
        )
    # Exactly one of its pins for each Python and system: none would leave it out there.
    for environment in ENVIRONMENTS:
        there = [str(r) for r, _ in pins if applies(r.marker, environment)]
        assert len(there) == 1, (
            f"{dependency.name} on Python {environment['python_version']} "
            f"({environment['platform_system']}): {there or 'not locked'}; {AGAIN}"
        )
