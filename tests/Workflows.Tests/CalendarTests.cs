using Sejahtera.Workflows.Calendar;

namespace Sejahtera.Workflows.Tests;

public class CalendarTests
{
    private static readonly WorkCalendar Calendar = new([new DateOnly(2025, 8, 18), new DateOnly(2025, 12, 25), new DateOnly(2025, 12, 26)]);

    [Theory]
    [InlineData("2025-08-11", 1, "2025-08-12")] // Monday + 1
    [InlineData("2025-08-08", 1, "2025-08-11")] // Friday + 1 skips the weekend
    [InlineData("2025-08-09", 1, "2025-08-11")] // started on a Saturday
    [InlineData("2025-08-13", 5, "2025-08-21")] // skips the weekend and the holiday of 18 August
    [InlineData("2025-08-15", 1, "2025-08-19")] // Friday + 1 skips the weekend and Monday's holiday
    [InlineData("2025-12-24", 2, "2025-12-30")] // Christmas and cuti bersama, then the weekend
    public void Due_dates_skip_weekends_and_configured_holidays(string start, int workdays, string due)
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            Calendar.DueDate(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), workdays));
    }

    [Fact]
    public void Without_holidays_only_weekends_are_skipped()
    {
        Assert.Equal(new DateOnly(2025, 8, 20), new WorkCalendar().DueDate(new DateOnly(2025, 8, 13), 5));
    }

    [Fact]
    public void A_start_time_counts_on_the_office_date_in_WITA()
    {
        // 16:30 UTC on Thursday is already Friday 00:30 in Kupang.
        var start = new DateTimeOffset(2025, 8, 14, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2025, 8, 15), Calendar.LocalDate(start));
        Assert.Equal(new DateOnly(2025, 8, 19), Calendar.DueDate(start, 1));
    }

    [Fact]
    public void A_task_is_overdue_only_after_its_due_day_has_ended()
    {
        var due = new DateOnly(2025, 8, 21);

        Assert.False(Calendar.IsOverdue(due, new DateTimeOffset(2025, 8, 21, 23, 59, 0, WorkCalendar.Wita)));
        Assert.True(Calendar.IsOverdue(due, new DateTimeOffset(2025, 8, 22, 0, 1, 0, WorkCalendar.Wita)));
        Assert.True(Calendar.IsOverdue(due, new DateTimeOffset(2025, 8, 21, 16, 30, 0, TimeSpan.Zero)));
        Assert.False(WorkCalendar.IsOverdue(due, new DateOnly(2025, 8, 20)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_due_date_needs_at_least_one_working_day(int workdays)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.DueDate(new DateOnly(2025, 8, 13), workdays));
    }

    [Fact]
    public void Weekends_and_holidays_are_not_working_days()
    {
        Assert.True(Calendar.IsWorkday(new DateOnly(2025, 8, 19)));
        Assert.False(Calendar.IsWorkday(new DateOnly(2025, 8, 16)));
        Assert.False(Calendar.IsWorkday(new DateOnly(2025, 8, 17)));
        Assert.False(Calendar.IsWorkday(new DateOnly(2025, 8, 18)));
    }
}
