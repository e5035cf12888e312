"""The book's settings read from _config.yml (the single home of the repository URL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import paths


@dataclass(frozen=True)
class Repository:
    owner: str
    name: str
    branch: str

    def colab_url(self, notebook_path: str) -> str:
        return (
            "https://colab.research.google.com/github/"
            f"{self.owner}/{self.name}/blob/{self.branch}/{notebook_path}"
        )


def repository(config_file: Path = paths.CONFIG) -> Repository:
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    try:
        repo = data["repository"]
        url: str = repo["url"]
        branch: str = repo["branch"]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{config_file}: repository.url and repository.branch are required") from exc
    prefix = "https://github.com/"
    parts = url.removeprefix(prefix).strip("/").split("/")
    if not url.startswith(prefix) or len(parts) != 2 or not all(parts):
        raise ValueError(f"{config_file}: repository.url must look like https://github.com/OWNER/REPO, got {url!r}")
    return Repository(owner=parts[0], name=parts[1], branch=branch)
