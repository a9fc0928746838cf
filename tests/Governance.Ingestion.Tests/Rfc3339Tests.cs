using Governance.Validation;

namespace Governance.Ingestion.Tests;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-03-01T12:00:00Z", 0)]
    [InlineData("2026-03-01t12:00:00z", 0)]
    [InlineData("2026-03-01T12:00:00.5+05:30", 330)]
    [InlineData("2026-03-01T12:00:00.123456789-03:00", -180)]
    [InlineData("2024-02-29T23:59:59+00:00", 0)]
    public void AcceptsRfc3339WithOffset(string text, int offsetMinutes)
    {
        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
    }

    [Fact]
    public void KeepsFractionToTheTick()
    {
        Assert.True(Rfc3339.TryParse("2026-03-01T12:00:00.1234567Z", out var value));
        Assert.Equal(1_234_567, value.Ticks % TimeSpan.TicksPerSecond);
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00")]
    [InlineData("2026-03-01")]
    [InlineData("01/03/2026 12:00:00 +00:00")]
    [InlineData("2026-13-01T12:00:00Z")]
    [InlineData("2025-02-29T12:00:00Z")]
    [InlineData("2026-03-01T24:00:00Z")]
    [InlineData("2026-03-01T12:00:60Z")]
    [InlineData("2026-03-01T12:00:00.Z")]
    [InlineData("2026-03-01T12:00:00+5:30")]
    [InlineData("2026-03-01T12:00:00+24:00")]
    [InlineData("1772366400")]
    public void RejectsEverythingElse(string text)
    {
        Assert.False(Rfc3339.TryParse(text, out _));
    }
}
