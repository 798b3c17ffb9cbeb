"""Makes tests/data/comptoir-schema-0001.db: a database of the first schema (migration 0001)
with a few rows, as Comptoir 0.1 would have left it. Kept in git; re-run only to remake it:

    .venv/bin/python tests/data/make_schema_0001_db.py

tests/storage/test_migrations.py opens a copy with the current code and finds every row.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

HERE = Path(__file__).resolve().parent
TARGET = HERE / "comptoir-schema-0001.db"
STAMP = "2026-01-15T09:00:00.000000+00:00"

ROWS = {
    "etablissement": [
        (1, "83214562700010", "ATELIER NUMERIQUE DU MARAIS", json.dumps({"siret": "83214562700010", "raison_sociale": "ATELIER NUMERIQUE DU MARAIS", "idcc": "1486"}), STAMP, STAMP),
        (2, "84217593700015", "SOCIETE CIVILE MARTIN PATRIMOINE", json.dumps({"siret": "84217593700015", "raison_sociale": "SOCIETE CIVILE MARTIN PATRIMOINE"}), STAMP, STAMP),
    ],
    "individu": [
        (1, 1, "1850369383045", "1850369383045", "", "BERNARD", "JULIEN", "1985-03-14", json.dumps({"nir": "1850369383045", "nom": "BERNARD", "prenoms": "JULIEN", "naissance_date": "1985-03-14"}), STAMP, STAMP),
        (2, 1, "2980744109012", "2980744109012", "", "MOREAU", "CAMILLE", "1998-07-21", json.dumps({"nir": "2980744109012", "nom": "MOREAU", "prenoms": "CAMILLE"}), STAMP, STAMP),
    ],
    "contrat": [
        (1, 1, "CDI2019-0007", "2019-09-01", json.dumps({"numero": "CDI2019-0007", "debut": "2019-09-01", "nature": "01"}), STAMP, STAMP),
    ],
    "draft": [
        (1, 1, "mensuelle", "2026-01", 3, "salaries.0.nom", "en_cours", STAMP, STAMP),
    ],
    "answer": [
        (1, "salaries.0.nom", "BERNARD", 1, STAMP),
        (1, "salaries.0.brut", "5397.00", 1, STAMP),
        (1, "salaries.1.nom", "Mor", 0, STAMP),
    ],
    "answer_history": [
        (1, 1, "salaries.0.nom", "BERNARD", 1, STAMP),
        (2, 1, "salaries.0.brut", "5397.00", 1, STAMP),
        (3, 1, "salaries.1.nom", "Mor", 0, STAMP),
    ],
    "produced_file": [
        (1, 1, 1, "/home/paie/dsn-2025-12.dsn", "0" * 64, 4096, "01", "01", 0, "2025-12", STAMP, None, "depose"),
    ],
    "file_person": [
        (1, 1, "1850369383045", "BERNARD Julien"),
        (2, 1, "2980744109012", "MOREAU Camille Élise"),
    ],
    "audit": [
        (1, STAMP, "etablissement", 1, "create", ""),
    ],
}


def main() -> None:
    TARGET.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{TARGET}")
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE.parent.parent / "storage" / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    con = sqlite3.connect(TARGET)
    for table, rows in ROWS.items():
        for row in rows:
            con.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", row)
    con.commit()
    con.execute("PRAGMA page_size = 1024")
    con.execute("VACUUM")
    con.close()
    print(TARGET, TARGET.stat().st_size)


if __name__ == "__main__":
    main()
