#!/usr/bin/env bash
# Regenerates the initial migration of each provider (EF migrations are per provider) from the
# model. Used while nothing is deployed; once a release ships, add migrations instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/OnlineGroup.Server/Data/Migrations
dotnet build src/OnlineGroup.Server -nologo -clp:ErrorsOnly
dotnet ef migrations add Initial --no-build --project src/OnlineGroup.Server --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite
dotnet ef migrations add Initial --no-build --project src/OnlineGroup.Server --context PostgresAppDbContext --output-dir Data/Migrations/Postgres
