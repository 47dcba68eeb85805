export function ShowCalendarPage() { return null; }
