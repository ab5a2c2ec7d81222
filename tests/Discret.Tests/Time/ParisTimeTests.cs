using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Time;

/// <summary>The one clock: "today" is the Paris day on either side of midnight and of the changes of hour.</summary>
public class ParisTimeTests
{
    private static DateOnly TodayAt(int year, int month, int day, int hour, int minute) =>
        ParisTime.Today(new FakeTimeProvider(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData(2026, 1, 14, 22, 59, 14)] // 23:59 in Paris (UTC+1)
    [InlineData(2026, 1, 14, 23, 0, 15)]  // midnight in Paris: still the 14th in UTC
    [InlineData(2026, 1, 14, 23, 30, 15)]
    [InlineData(2026, 7, 14, 21, 59, 14)] // 23:59 in Paris (UTC+2)
    [InlineData(2026, 7, 14, 22, 0, 15)]  // midnight in Paris in summer, two hours before UTC
    public void Today_is_the_Paris_day_around_midnight_in_winter_and_summer(int y, int m, int d, int h, int min, int parisDay) =>
        Assert.Equal(parisDay, TodayAt(y, m, d, h, min).Day);

    [Fact]
    public void Across_the_changes_of_hour_midnight_in_Paris_moves_from_23_to_22_UTC_and_back()
    {
        // Summer time starts on Sunday 29 March 2026 at 02:00 and ends on Sunday 25 October 2026 at 03:00 (Paris).
        Assert.Equal(new DateOnly(2026, 3, 29), TodayAt(2026, 3, 28, 23, 0));
        Assert.Equal(new DateOnly(2026, 3, 30), TodayAt(2026, 3, 29, 22, 0));
        Assert.Equal(new DateOnly(2026, 3, 29), TodayAt(2026, 3, 29, 21, 59));
        Assert.Equal(new DateOnly(2026, 10, 25), TodayAt(2026, 10, 24, 22, 0));
        Assert.Equal(new DateOnly(2026, 10, 26), TodayAt(2026, 10, 25, 23, 0));
        Assert.Equal(new DateOnly(2026, 10, 25), TodayAt(2026, 10, 25, 22, 59));
        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc), ParisTime.StartOfDayUtc(new DateOnly(2026, 3, 29)));
        Assert.Equal(new DateTime(2026, 3, 29, 22, 0, 0, DateTimeKind.Utc), ParisTime.StartOfDayUtc(new DateOnly(2026, 3, 30)));
    }

    [Fact]
    public void People_read_Paris_dates_and_times_and_a_typed_time_is_a_Paris_time()
    {
        var utc = new DateTime(2026, 1, 14, 23, 30, 5, DateTimeKind.Utc);
        Assert.Equal("15/01/2026", ParisTime.Day(utc));
        Assert.Equal("15/01/2026 00:30", ParisTime.DayTime(utc));
        Assert.Equal("15/01/2026 à 00:30", ParisTime.DayAtTime(utc));
        Assert.Equal("15/01/2026 00:30:05", ParisTime.Format(utc));
        Assert.Equal("00:30", ParisTime.Time(utc));
        Assert.Equal("jeudi 15 janvier 2026 à 00:30", ParisTime.Appointment(utc));
        Assert.Equal("15 janvier 2026 à 00:30", ParisTime.LongDayAtTime(utc));
        Assert.Equal("—", ParisTime.Day((DateOnly?)null));
        Assert.Equal("2026-01-15", ParisTime.Iso(new DateOnly(2026, 1, 15)));
        Assert.Equal(new DateOnly(2026, 1, 15), ParisTime.ParseDay("15/01/2026"));

        Assert.Equal(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc), ParisTime.ToUtc(new DateTime(2026, 7, 1, 14, 0, 0)));
        Assert.Equal(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), ParisTime.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0))); // skipped hour: read as 03:30
        Assert.Equal(utc, ParisTime.ToUtc(utc));
    }
}
