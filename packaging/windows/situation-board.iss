; Inno Setup script: per-machine install of the one-folder bundle (dist\situation-board),
; with Start-menu entries for the workstation and the wall display.
; Build on Windows: packaging\build.sh's pyinstaller step, then  iscc packaging\windows\situation-board.iss
; (It cannot be built or tested on the Linux CI; it is kept deliberately small.)

#define AppName "Lägesbild"
#define AppVersion "0.1.0"
#define AppExe "situation-board.exe"

[Setup]
AppId={{6B1C2F4E-5A3D-4E8B-9C7A-2D1F0E6B3A91}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=situation-board
DefaultDirName={autopf}\situation-board
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=situation-board-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\situation-board\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Lägesbild"; Filename: "{app}\{#AppExe}"
Name: "{group}\Lägesbild – väggskärm"; Filename: "{app}\{#AppExe}"; Parameters: "wall"
Name: "{group}\Lägesbild – demotavla"; Filename: "{app}\{#AppExe}"; Parameters: "demo"

[Run]
Filename: "{app}\{#AppExe}"; Description: "Starta Lägesbild"; Flags: postinstall nowait skipifsilent
