; Inno Setup 6 script for the Practice Desk Windows installer.
;
; Run by build.ps1, which passes the version and the PyInstaller bundle folder:
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=...\practice-desk /DOutputDir=...\dist practice-desk.iss
;
; Installs the bundle (per user, or for all users when run as administrator), adds a
; Start-menu entry and an optional desktop shortcut, ships THIRD-PARTY-NOTICES.txt, and
; registers an uninstaller under Settings > Apps. Uninstalling removes the program only:
; practice files, their key files and backups live where the practice chose and stay.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (build.ps1 does)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\pyinstaller\dist\practice-desk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Practice Desk"
#define AppExe "practice-desk.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{B6E970BC-5353-4369-8821-9AAF568A5DBE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppCopyright=Third-party components: see THIRD-PARTY-NOTICES.txt
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=practice-desk-{#AppVersion}-windows-x86_64-setup
SetupIconFile=practice-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Practice Desk holds its files open: ask to close it before replacing them.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: practice-desk.exe, practice-desk-cli.exe and _internal\
; (Qt's DLLs stay separate, replaceable files, as the LGPL asks).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\resources\licenses\THIRD-PARTY-NOTICES.txt"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Offline, encrypted medication management"
Name: "{autoprograms}\{#AppName} (demo practice)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Comment: "Open a practice with synthetic patients"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
