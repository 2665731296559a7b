using Wfm.Server.Inbox;

namespace Wfm.Server.Tests;

/// <summary>What the server never offers as a suggested reply: abuse, or the negative language coaching flags.</summary>
public sealed class SuggestionVetoTests
{
    [Theory]
    [InlineData("I have started your refund; the courier comes tomorrow.", "en", true)]
    [InlineData("Hello {name}, order {order} ships tomorrow. {agent}", "en", true)]
    [InlineData("That's our policy, you can't do anything about it.", "en", false)]
    [InlineData("Stop whining, you idiot.", "en", false)]
    [InlineData("Siparişiniz yarın kargoda, {name} Hanım.", "tr", true)]
    [InlineData("Salak mısın, sipariş yarın gelecek.", "tr", false)]
    [InlineData("سفارش شما فردا ارسال می‌شود.", "fa", true)]
    public void ASuggestion_IsOfferedOnlyWhenNeitherCheckFlagsIt(string reply, string language, bool offered) =>
        Assert.Equal(offered, ReplySuggestionService.Acceptable(reply, language));
}
