using Wfm.Core.Conversations;

namespace Wfm.Core.Tests.Conversations;

/// <summary>Personal data out of transcripts before they are stored; order numbers, dates and amounts stay.</summary>
public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("my card is 4111 1111 1111 1111 thanks", "my card is [card ending 1111] thanks", PiiKind.CardNumber)]
    [InlineData("kart: 4111-1111-1111-1111", "kart: [card ending 1111]", PiiKind.CardNumber)]
    [InlineData("write to ali.veli@example.com.tr please", "write to [email] please", PiiKind.Email)]
    [InlineData("beni 0532 123 45 67 numaradan arayın", "beni [phone] numaradan arayın", PiiKind.Phone)]
    [InlineData("call +90 532 123 45 67", "call [phone]", PiiKind.Phone)]
    [InlineData("شماره من ۰۹۱۲۳۴۵۶۷۸۹ است", "شماره من [phone] است", PiiKind.Phone)]
    [InlineData("TC kimlik no 10000000146", "TC kimlik no [national id]", PiiKind.NationalId)]
    [InlineData("کد ملی 1234567891", "کد ملی [national id]", PiiKind.NationalId)]
    [InlineData("IBAN TR33 0006 1005 1978 6457 8413 26 hesabıma", "IBAN [iban] hesabıma", PiiKind.Iban)]
    public void PersonalData_IsReplaced_AndReported(string text, string expected, PiiKind kind)
    {
        var redacted = PiiRedactor.Redact(text);

        Assert.Equal(expected, redacted.Text);
        var finding = Assert.Single(redacted.Findings);
        Assert.Equal(kind, finding.Kind);
    }

    [Theory]
    [InlineData("order 123456 of 2026-11-25 for 1250.50 TL")]
    [InlineData("tracking 1234567890 still not moving")]
    [InlineData("11 digits but no valid id: 12345678901")]
    [InlineData("card-like 4111 1111 1111 1112 fails the check")]
    public void OrdinaryNumbers_Stay(string text) => Assert.Equal(text, PiiRedactor.Redact(text).Text);

    [Fact]
    public void CheckDigits_AreTheOfficialOnes()
    {
        Assert.True(PiiRedactor.Luhn("79927398713"));
        Assert.False(PiiRedactor.Luhn("79927398710"));
        Assert.True(PiiRedactor.TurkishId("10000000146"));
        Assert.False(PiiRedactor.TurkishId("10000000147"));
        Assert.False(PiiRedactor.TurkishId("01234567890"));
        Assert.True(PiiRedactor.IranianId("1234567891"));
        Assert.False(PiiRedactor.IranianId("1111111111"));
    }

    [Fact]
    public void SeveralFindings_KeepTheTextAroundThem()
    {
        var redacted = PiiRedactor.Redact("mail a@b.co or call 0532 123 45 67, card 4111111111111111");

        Assert.Equal("mail [email] or call [phone], card [card ending 1111]", redacted.Text);
        Assert.Equal([PiiKind.Email, PiiKind.Phone, PiiKind.CardNumber], redacted.Findings.Select(f => f.Kind));
    }
}
