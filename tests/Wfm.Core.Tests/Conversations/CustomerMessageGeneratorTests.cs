using Wfm.Core.Conversations;
using Wfm.Simulation;

namespace Wfm.Core.Tests.Conversations;

/// <summary>The simulator's customer messages: repeatable, about as rude as asked, and judged as written by the shipped detector.</summary>
public sealed class CustomerMessageGeneratorTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("tr")]
    [InlineData("fa")]
    public void Messages_AreRepeatable_AndTheDetectorAgreesWithHowTheyWereWritten(string language)
    {
        var first = new CustomerMessageGenerator(7, abusiveRate: 0.2);
        var second = new CustomerMessageGenerator(7, abusiveRate: 0.2);
        var messages = Enumerable.Range(0, 400).Select(_ => first.Next(language)).ToList();

        Assert.Equal(messages, Enumerable.Range(0, 400).Select(_ => second.Next(language)));
        var rude = messages.Count(m => m.Abusive);
        Assert.InRange(rude, 50, 110);
        Assert.All(messages, m => Assert.Equal(m.Abusive, AbuseDetector.Default.Classify(m.Text, language).Abusive));
        Assert.DoesNotContain(messages, m => m.Text.Contains('{', StringComparison.Ordinal));
    }
}
