namespace Sejahtera.Workflows.Calendar;

/// <summary>
/// The SLA calendar: working days are Monday to Friday except the configured public holidays
/// (and cuti bersama). It never reads the clock: times are passed in, and are turned into the
/// office's local date with <see cref="UtcOffset"/> (WITA, UTC+8, by default; no daylight saving).
/// </summary>
public sealed class WorkCalendar
{
    /// <summary>Waktu Indonesia Tengah, the time of Nusa Tenggara Timur.</summary>
    public static readonly TimeSpan Wita = TimeSpan.FromHours(8);

    private readonly HashSet<DateOnly> _holidays;

    public WorkCalendar(IEnumerable<DateOnly>? holidays = null, TimeSpan? utcOffset = null)
    {
        _holidays = (holidays ?? []).ToHashSet();
        UtcOffset = utcOffset ?? Wita;
    }

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public TimeSpan UtcOffset { get; }

    public bool IsWorkday(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>The office's local date at that instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    /// <summary>
    /// The last day to finish a task started on <paramref name="start"/> within <paramref name="workdays"/>
    /// working days: the start day itself does not count, so a task started on a Friday with 1 working
    /// day is due on Monday (when Monday is not a holiday). The task is done in time through the end of that day.
    /// </summary>
    public DateOnly DueDate(DateOnly start, int workdays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workdays);
        var date = start;
        var left = workdays;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (IsWorkday(date))
            {
                left--;
            }
        }

        return date;
    }

    /// <inheritdoc cref="DueDate(DateOnly, int)"/>
    public DateOnly DueDate(DateTimeOffset start, int workdays) => DueDate(LocalDate(start), workdays);

    /// <summary>Overdue from the day after the due date.</summary>
    public static bool IsOverdue(DateOnly due, DateOnly today) => today > due;

    /// <summary>Overdue once the office's local date is past the due date.</summary>
    public bool IsOverdue(DateOnly due, DateTimeOffset now) => IsOverdue(due, LocalDate(now));
}
