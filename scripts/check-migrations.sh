#!/usr/bin/env bash
# Fails when either provider's model has changes that no migration captures.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
Jiexin__Database=Sqlite Jiexin__MigrateOnStart=false \
  dotnet ef migrations has-pending-model-changes --project src/Jiexin.Migrations.Sqlite --startup-project src/Jiexin.Web --no-build
Jiexin__Database=Postgres Jiexin__MigrateOnStart=false ConnectionStrings__Jiexin="Host=localhost;Database=jiexin_design" \
  dotnet ef migrations has-pending-model-changes --project src/Jiexin.Migrations.Postgres --startup-project src/Jiexin.Web --no-build
