/**
 * Web permissions in the kiosk (docs/design.md §3): none. The card reader belongs to the main
 * process over PC/SC; the page never needs a camera, a notification, a USB/HID/serial device or
 * the clipboard. Each Electron hook asks one of these, so a grant can only come from here.
 */

/** `setPermissionRequestHandler`: every request is refused. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** `setPermissionCheckHandler`: every check answers "not granted". */
export function isPermissionCheckGranted(_permission: string, _requestingOrigin: string): boolean {
  return false;
}

/** `setDevicePermissionHandler` (WebHID, WebUSB, Web Serial): no device is ever given to the page. */
export function isDeviceGranted(_deviceType: string): boolean {
  return false;
}

/** `select-hid-device` / `select-serial-port` / `select-usb-device`: the chooser is cancelled (empty id). */
export function chosenDeviceId(): string {
  return '';
}
