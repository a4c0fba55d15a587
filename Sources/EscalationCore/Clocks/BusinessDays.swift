/// Business days (FCA Glossary): not a Saturday, a Sunday, Christmas Day, Good Friday or a
/// bank holiday in that part of the UK. Christmas Day and Good Friday are never business days,
/// even when a calendar file leaves them out: that rule lives here, not in the files.
extension WorkingCalendar {
    /// The FCA business day: what regulatory clocks count.
    public func isBusinessDay(_ date: LocalDate) -> Bool {
        !date.weekday.isWeekend && !Self.isAlwaysClosed(date) && !isHoliday(date)
    }

    /// A day the centre works (its `working_days`, less holidays, Christmas Day and Good
    /// Friday): what service clocks count.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        workingDays.contains(date.weekday.rawValue) && !Self.isAlwaysClosed(date) && !isHoliday(date)
    }

    /// Christmas Day and Good Friday: never business days anywhere in the UK.
    public static func isAlwaysClosed(_ date: LocalDate) -> Bool {
        (date.month == 12 && date.day == 25) || date == LocalDate.easterSunday(date.year).adding(days: -2)
    }

    /// Why the day is not a business day, in words ("Saturday", "Christmas Day", the
    /// holiday's name), or nil when it is one.
    public func closure(on date: LocalDate) -> String? {
        if let holiday = holiday(on: date) { return holiday.name }
        if date.month == 12 && date.day == 25 { return "Christmas Day" }
        if date == LocalDate.easterSunday(date.year).adding(days: -2) { return "Good Friday" }
        if date.weekday.isWeekend { return date.weekday.rawValue.titleCased }
        return nil
    }

    /// The `count`-th business day after `date` (the day itself is never counted, whether
    /// or not it is a business day). `serviceDays`: count the centre's working days.
    public func businessDay(_ count: Int, after date: LocalDate, serviceDays: Bool = false) -> LocalDate {
        var day = date
        var left = max(0, count)
        // A calendar with no working weekday would never finish: stop after ten years.
        var guardDays = 3660
        while left > 0 && guardDays > 0 {
            day = day.adding(days: 1)
            guardDays -= 1
            if serviceDays ? isWorkingDay(day) : isBusinessDay(day) { left -= 1 }
        }
        return day
    }

    /// The date itself when it is a business day, else the next one.
    public func onOrNextBusinessDay(_ date: LocalDate, serviceDays: Bool = false) -> LocalDate {
        var day = date
        var guardDays = 3660
        while !(serviceDays ? isWorkingDay(day) : isBusinessDay(day)) && guardDays > 0 {
            day = day.adding(days: 1)
            guardDays -= 1
        }
        return day
    }
}

extension String {
    fileprivate var titleCased: String { prefix(1).uppercased() + dropFirst() }
}
