#!/usr/bin/env bash
# Adds a migration with the same name to both providers, so SQLite and PostgreSQL stay in step.
#   scripts/add-migration.sh AddSomething
# The PostgreSQL model is built from the provider alone: no server is needed to add a migration.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
Jiexin__Database=Sqlite Jiexin__MigrateOnStart=false \
  dotnet ef migrations add "$name" --project src/Jiexin.Migrations.Sqlite --startup-project src/Jiexin.Web --output-dir Migrations
Jiexin__Database=Postgres Jiexin__MigrateOnStart=false ConnectionStrings__Jiexin="Host=localhost;Database=jiexin_design" \
  dotnet ef migrations add "$name" --project src/Jiexin.Migrations.Postgres --startup-project src/Jiexin.Web --output-dir Migrations
