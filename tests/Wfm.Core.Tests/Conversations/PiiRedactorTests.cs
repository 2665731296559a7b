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
    [InlineData("exp 12/28 cvv 123", "exp [card expiry] cvv [card code]")]
    [InlineData("Expiry: 01-2029, CVC2: 4321", "Expiry: [card expiry], CVC2: [card code]")]
    [InlineData("valid thru 7/27 security code 999", "valid thru [card expiry] security code [card code]")]
    [InlineData("son kullanma tarihi 03/29 güvenlik kodu 456", "son kullanma tarihi [card expiry] güvenlik kodu [card code]")]
    [InlineData("SKT 11/30, CVV 789", "SKT [card expiry], CVV [card code]")]
    [InlineData("تاریخ انقضا ۱۲/۲۸ و کد امنیتی ۱۲۳", "تاریخ انقضا [card expiry] و کد امنیتی [card code]")]
    [InlineData("رمز دوم 5566 cvv2 321", "رمز دوم [card code] cvv2 [card code]")]
    public void CardSecurityCodesAndExpiryDates_AreReplaced_InEnglishTurkishAndPersian(string text, string expected)
    {
        var redacted = PiiRedactor.Redact(text);

        Assert.Equal(expected, redacted.Text);
        Assert.All(redacted.Findings, f => Assert.Equal(PiiKind.CardSecret, f.Kind));
    }

    [Theory]
    [InlineData("meeting on 12/28 about order 123")]
    [InlineData("the export took 12/28 seconds")]
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
