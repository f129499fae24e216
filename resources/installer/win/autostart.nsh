; Kiosk autostart for every user of the counter PC: a per-machine Run value, written
; by the installer and removed by the uninstaller. electron-builder calls these macros from its
; install and uninstall sections; PRODUCT_NAME and APP_EXECUTABLE_FILENAME are its defines, so a
; training build installed beside production gets its own value.
!include x64.nsh

!macro madoguchiRunKeyView
  ; A 64-bit app's Run value belongs in the 64-bit registry view, not WOW6432Node.
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
!macroend

!macro customInstall
  !insertmacro madoguchiRunKeyView
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "${PRODUCT_NAME}" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
!macroend

!macro customUnInstall
  !insertmacro madoguchiRunKeyView
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "${PRODUCT_NAME}"
!macroend
