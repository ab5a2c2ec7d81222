using Discret.Web.Security;

namespace Discret.Tests.Security;

public class FailureDelayTests
{
    private readonly SecuritySettings _settings = new();

    [Fact]
    public void No_delay_before_any_failure() => Assert.Equal(TimeSpan.Zero, _settings.FailureDelay(0));

    [Fact]
    public void The_delay_doubles_with_each_failure()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), _settings.FailureDelay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(500), _settings.FailureDelay(2));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), _settings.FailureDelay(3));
    }

    [Fact]
    public void The_delay_is_capped() => Assert.Equal(_settings.FailureDelayCap, _settings.FailureDelay(40));
}
