"""diptych models list | add FILE.argosmodel | install FROM TO"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import load_project
from ..engines.index import download
from ..engines.packages import add, available

help = "list, add or (online) install Argos Translate packages"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="packages Diptych can use, and which language pairs they give")
    adder = sub.add_parser("add", help="copy an .argosmodel file into the models folder")
    adder.add_argument("file", type=Path, metavar="FILE.argosmodel")
    installer = sub.add_parser(
        "install", help="download a package from the Argos index (uses the network)"
    )
    installer.add_argument("source", metavar="FROM")
    installer.add_argument("target", metavar="TO")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    if args.action == "add":
        info = add(args.file, project.models_dir, project.packages_dir)
        where = project.relative(project.models_dir)
        print(f"added {info.label} ({info.from_code}→{info.to_code}) to {where}/")
        return 0
    if args.action == "install":
        pair = f"{args.source}→{args.target}"
        print(f"downloading {pair} from the Argos Translate package index (network access)")
        file = download(args.source, args.target, project.models_dir)
        info = add(file, project.models_dir, project.packages_dir)
        print(f"installed {info.label} into {project.relative(project.models_dir)}/")
        return 0
    packages = available(project.models_dir, project.packages_dir)
    if not packages:
        print(
            "no Argos packages: `diptych models add FILE.argosmodel` or, online, "
            "`diptych models install ru en`"
        )
        return 0
    for info in packages:
        print(
            f"{info.from_code}→{info.to_code}\t{info.label}\t{info.origin}\t{project.relative(info.path)}"
        )
    return 0
