; Inno Setup script: wraps dist\KemensosDesk (from PyInstaller) into one installer.
[Setup]
AppName=Kemensos Desk
AppVersion=0.1.0
DefaultDirName={autopf}\KemensosDesk
DefaultGroupName=Kemensos Desk
OutputBaseFilename=KemensosDesk-Setup
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\KemensosDesk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\Kemensos Desk"; Filename: "{app}\KemensosDesk.exe"
Name: "{commondesktop}\Kemensos Desk"; Filename: "{app}\KemensosDesk.exe"
