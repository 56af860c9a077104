#!/usr/bin/env bash
# Before the first release only: throws away both providers' migrations and generates one Initial again.
# Once a database exists anywhere that matters, add migrations with scripts/add-migration.sh instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Jiexin.Migrations.Sqlite/Migrations src/Jiexin.Migrations.Postgres/Migrations
scripts/add-migration.sh Initial
