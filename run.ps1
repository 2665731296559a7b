# Mirrors the README's commands for PowerShell users; nothing depends on this script.
#   ./run.ps1        runs the server with its embedded default (SQLite, one silo, demo data and traffic)
#   ./run.ps1 test   runs the tests
param([string]$Command = "run")
if ($Command -eq "test") {
    dotnet test Wfm.sln
} else {
    dotnet run --project src/Wfm.Server
}
