export { BANK_HOLIDAYS, BANK_HOLIDAY_YEARS, BANK_HOLIDAYS_PROJECTED_FROM, bankHolidayName, type BankHoliday } from './bank-holidays.js';
export {
  ENGLAND_AND_WALES,
  WORKING_CALENDAR_FIRST,
  WORKING_CALENDAR_LAST,
  WorkingCalendar,
  type WorkingCalendarOptions,
} from './working-days.js';
