"""The ``verbinding`` console command.

    verbinding start          start the course in Voilà on localhost
    verbinding hub            start a JupyterHub for a class on this server
    verbinding klas-archiveren M  archive a class into folder M, then empty the hub
    verbinding check-case P   check a case folder or contact log, Dutch report
    verbinding check-texts [M] check a folder of exercise texts (texts/nl), Dutch report
    verbinding check-oefening [M] check a trainer's exercise folders (course/oefeningen), Dutch report
    verbinding access P ...   access metrics of a contact log (JSON for tools)

Subcommands import their module lazily so each stays quick to start.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path


def command() -> str:
    """How to type ``verbinding`` here: the bare name only when the PATH finds this very
    install; else the script beside this Python (``.venv/bin/verbinding`` from the project
    folder), else ``python -m verbinding`` with this Python."""
    script = Path(sys.executable).parent / "verbinding"
    found = shutil.which("verbinding")
    if found and script.exists() and Path(found).resolve() == script.resolve():
        return "verbinding"
    if script.exists():
        try:
            return str(script.relative_to(Path.cwd()))
        except ValueError:
            return str(script)
    return f"{sys.executable} -m verbinding"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verbinding", description="Cursus verbindend leiderschap (Voilà)."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    start = sub.add_parser("start", help="start de cursus in Voilà op deze computer")
    start.add_argument("--port", type=int, default=8866, help="poort (standaard 8866)")
    start.add_argument(
        "--ip",
        default="127.0.0.1",
        help="adres om op te luisteren; alleen 0.0.0.0 als je bewust een lokaal netwerk bedient",
    )
    start.add_argument("--no-browser", action="store_true", help="open geen browser")
    start.add_argument(
        "--deelnemers", type=int, default=None, metavar="N",
        help="klasmodus: zet vooraf de cursus klaar voor N deelnemers (kost geheugen per deelnemer)",
    )
    start.add_argument(
        "--max-paginas", type=int, default=None, metavar="N",
        help="hoogstens N cursuspagina's tegelijk op deze server (standaard: wat het vrije geheugen "
             "toelaat; 0 = geen grens)",
    )
    start.add_argument(
        "--max-per-adres", type=int, default=None, metavar="N",
        help="hoogstens N cursuspagina's tegelijk per computer (standaard 4, in klasmodus geen "
             "grens; 0 = geen grens)",
    )

    hub = sub.add_parser("hub", help="start een JupyterHub voor een klas op deze server")
    hub.add_argument("--port", type=int, default=None, help="poort (standaard 8000)")
    hub.add_argument("--ip", default=None,
                     help="adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 voor het netwerk)")
    hub.add_argument("--trainer", default=None, help="inlognaam van de trainer (standaard: trainer)")
    hub.add_argument("--map", default=None, help="map voor de gegevens van de hub")
    hub.add_argument("--gebruikers", choices=("systeem", "eenvoudig"), default=None,
                     help="systeem: een Linux-gebruiker per deelnemer (als root); eenvoudig: één gebruiker voor allen")
    hub.add_argument("--klaslijst", default=None, metavar="BESTAND",
                     help="bestand met de namen van de klas (één per regel): hun servers starten voor de les")

    archive = sub.add_parser("klas-archiveren",
                             help="bewaar het werk van de klas in een zip en maak de hub leeg voor een nieuwe groep")
    archive.add_argument("map", help="map voor het archief (niet de map van de hub)")
    archive.add_argument("--hub-map", default=None, help="map met de gegevens van de hub (zoals --map bij 'hub')")
    archive.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")

    check = sub.add_parser("check-case", help="controleer een casusmap of contactlog")
    check.add_argument("path", help="casusmap, map met casusmappen, contactlog of ingebouwde casus")
    check.add_argument("--verbeter", action="store_true",
                       help="schrijf contacts-verbeterd.csv met ids waar de contactlog namen noemt")
    check.add_argument("--profielen", action="store_true",
                       help="schrijf een eerste profielen.csv uit de lijst van organisaties")

    texts = sub.add_parser("check-texts", help="controleer de tekstbestanden (texts/nl/*.yaml)")
    texts.add_argument("path", nargs="?", default=None,
                       help="map met tekstbestanden (standaard de teksten van de cursus)")

    own = sub.add_parser("check-oefening", help="controleer je eigen oefeningen (course/oefeningen/)")
    own.add_argument("path", nargs="?", default=None,
                     help="map van één oefening of de map oefeningen/ (standaard die van de cursus)")

    access = sub.add_parser("access", help="toegangscijfers van een contactlog")
    access.add_argument("path")
    access.add_argument("--organisation", required=True, help="kolom met organisaties")
    access.add_argument("--date", required=True, help="kolom met datums")
    access.add_argument(
        "--separator", default=None,
        help="scheidingsteken tussen organisaties in een cel (standaard ';', zoals check-case; 'geen' = niet splitsen)",
    )
    access.add_argument("--window", default=None, help="jaren, bijvoorbeeld 2019-2022")
    access.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "start":
        from verbinding.server import start_course

        if args.deelnemers is not None and args.deelnemers < 1:
            from verbinding.texts import t

            print(t("classroom.too_few"), file=sys.stderr)
            return 2
        if any(cap is not None and cap < 0 for cap in (args.max_paginas, args.max_per_adres)):
            from verbinding.texts import t

            print(t("caps.invalid"), file=sys.stderr)
            return 2
        return start_course(port=args.port, ip=args.ip, open_browser=not args.no_browser,
                            participants=args.deelnemers, max_pages=args.max_paginas,
                            max_per_address=args.max_per_adres)
    if args.command == "hub":
        from verbinding.hub import start_hub_command

        return start_hub_command(args)
    if args.command == "klas-archiveren":
        from verbinding.hub.archive import archive_class_command

        return archive_class_command(args)
    if args.command == "check-case":
        from verbinding.cases import check_case_command

        return check_case_command(args.path, correct=args.verbeter, profiles=args.profielen)
    if args.command == "check-texts":
        from verbinding.texts import check_texts_command

        return check_texts_command(args.path)
    if args.command == "check-oefening":
        from verbinding.exercises import check_command

        return check_command(args.path)
    if args.command == "access":
        from verbinding.access import access_command

        return access_command(args)
    return 2  # pragma: no cover - argparse enforces a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
