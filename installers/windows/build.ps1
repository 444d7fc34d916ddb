<#
.SYNOPSIS
  Build the Practice Desk bundle and its Windows installer.

.DESCRIPTION
  Runs PyInstaller on installers\practice-desk.spec, runs the bundle's --self-test, then
  compiles practice-desk.iss with Inno Setup 6 into
  dist\practice-desk-VERSION-windows-x86_64-setup.exe. See installers\README.md.

.EXAMPLE
  .\installers\windows\build.ps1 -Python .venv\Scripts\python.exe
#>
param(
  # The Python that has Practice Desk and PyInstaller installed (pip install -e ".[test]").
  [string]$Python = "python",
  # Where the installer goes.
  [string]$Dist = (Join-Path $PSScriptRoot "..\..\dist"),
  # PyInstaller's work and output folders.
  [string]$Work = (Join-Path $PSScriptRoot "..\..\build\pyinstaller"),
  [switch]$NoSelfTest
)
$ErrorActionPreference = "Stop"
$root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
New-Item -ItemType Directory -Force -Path $Dist, $Work | Out-Null
$Dist = (Resolve-Path $Dist).Path
$Work = (Resolve-Path $Work).Path

$init = Join-Path $root "src\practice_desk\__init__.py"
$match = Select-String -Path $init -Pattern '^__version__ = "(.+)"$'
if (-not $match) { throw "No __version__ in $init" }
$version = $match.Matches[0].Groups[1].Value
$started = Get-Date
Write-Host "build.ps1: Practice Desk $version"

& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
  --distpath (Join-Path $Work "dist") --workpath (Join-Path $Work "build") `
  (Join-Path $root "installers\practice-desk.spec")
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed (exit $LASTEXITCODE)" }
$bundle = Join-Path $Work "dist\practice-desk"

if (-not $NoSelfTest) {
  # The console twin: the windowed practice-desk.exe has no terminal to print to.
  & (Join-Path $bundle "practice-desk-cli.exe") --self-test
  if ($LASTEXITCODE -ne 0) { throw "The bundle's self-test failed (exit $LASTEXITCODE)" }
}

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
  $iscc = @(
    (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
  ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "Inno Setup 6 not found: install it (winget install JRSoftware.InnoSetup)" }

& $iscc "/DAppVersion=$version" "/DBundleDir=$bundle" "/DOutputDir=$Dist" `
  (Join-Path $PSScriptRoot "practice-desk.iss")
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed (exit $LASTEXITCODE)" }

$setup = Join-Path $Dist "practice-desk-$version-windows-x86_64-setup.exe"
$size = "{0:N0} MB" -f ((Get-Item $setup).Length / 1MB)
$seconds = [int]((Get-Date) - $started).TotalSeconds
Write-Host "build.ps1: $setup ($size) in $seconds s"
