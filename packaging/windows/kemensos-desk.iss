; Inno Setup 6 script: wraps dist\kemensos-desk (PyInstaller, see README.md here) into
; KemensosDesk-Setup-<version>.exe. Per-user: installs under %LOCALAPPDATA%\Programs without
; administrator rights. The office's data (%LOCALAPPDATA%\KemensosDesk) is never touched:
; uninstalling removes the program only, so a reinstall or an upgrade finds the data as it was.
; Build:  iscc /DAppVersion=0.2.0 packaging\windows\kemensos-desk.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C1F3E2A-5B7D-4C8E-9A41-2F0D7B3E9C15}
AppName=Kemensos Desk
AppVersion={#AppVersion}
AppVerName=Kemensos Desk {#AppVersion}
AppPublisher=Kementerian Sosial Republik Indonesia
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Kemensos Desk
DefaultGroupName=Kemensos Desk
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\KemensosDesk.exe
UninstallDisplayName=Kemensos Desk {#AppVersion}
SetupIconFile=..\..\build\icons\kemensos-desk.ico
OutputDir=..\..\dist
OutputBaseFilename=KemensosDesk-Setup-{#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running copy first (its files are locked while it runs).
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
; Indonesian.isl is an "unofficial" Inno Setup translation: fetched beside this script
; before compiling (README.md, step 3; the workflow does the same).
Name: "id"; MessagesFile: "Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
id.DesktopIcon=Buat ikon di &desktop
en.DesktopIcon=Create a &desktop icon
id.CommandLine=Kemensos Desk (baris perintah)
en.CommandLine=Kemensos Desk (command line)
id.RunApp=Jalankan Kemensos Desk
en.RunApp=Start Kemensos Desk

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: checkedonce

[Files]
Source: "..\..\dist\kemensos-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program folder's bundled libraries wholesale (never the data folder).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Kemensos Desk"; Filename: "{app}\KemensosDesk.exe"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\kemensos-desk.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\Kemensos Desk"; Filename: "{app}\KemensosDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\KemensosDesk.exe"; Description: "{cm:RunApp}"; Flags: nowait postinstall skipifsilent
