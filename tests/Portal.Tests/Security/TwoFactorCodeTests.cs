using Portal.Tests.Infrastructure;
using Portal.Web.Account;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class TwoFactorCodeTests
{
    // RFC 6238, appendix B: the SHA-1 key "12345678901234567890", last 6 of the 8 digits given there.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void The_test_authenticator_matches_the_published_vectors(long unixSeconds, string code)
    {
        Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).ShouldBe(code);
    }

    [Fact]
    public void Recovery_codes_carry_120_random_bits_in_six_groups_of_four()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => RecoveryCodes.Create()).ToList();

        codes.ShouldAllBe(c => c.Length == 29 && c.Split('-', StringSplitOptions.None).All(g => g.Length == 4));
        codes.Distinct(StringComparer.Ordinal).Count().ShouldBe(200);
        codes.SelectMany(c => c).Distinct().Count().ShouldBe(33, "all 32 symbols and the hyphen turn up in 200 codes");
    }

    [Theory]
    [InlineData("ab0c-defg-hj1k-mnpq-rstv-wxyz")]
    [InlineData("AB0CDEFGHJ1KMNPQRSTVWXYZ")]
    [InlineData(" ABOC DEFG HJIK MNPQ RSTV WXYZ ")]
    [InlineData("ABoC-DEFG-HJLK-MNPQ-RSTV-WXYZ")]
    public void A_recovery_code_is_recognised_however_it_is_typed(string typed)
    {
        RecoveryCodes.Hash(typed).ShouldBe(RecoveryCodes.Hash("AB0C-DEFG-HJ1K-MNPQ-RSTV-WXYZ"));
    }

    [Fact]
    public void The_key_is_shown_in_groups_of_four()
    {
        AuthenticatorKey.Grouped("abcdefghijklmnopqrstuvwxyz234567").ShouldBe("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567");
    }

    [Fact]
    public void The_qr_code_is_plain_svg_markup()
    {
        var svg = AuthenticatorKey.QrCodeSvg(AuthenticatorKey.Uri("mia@acme.test", "ABCDEFGHIJKLMNOP"));

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("viewBox");
        svg.ShouldNotContain("<script", Case.Insensitive);
        svg.ShouldNotContain("data:", Case.Insensitive);
    }

    [Theory]
    [InlineData("123 456", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData(" 123456 ", "123456")]
    public void Separators_in_a_typed_code_are_ignored(string typed, string code)
    {
        AuthenticatorCodes.StripSeparators(typed).ShouldBe(code);
        AuthenticatorCodes.IsWellFormed(AuthenticatorCodes.StripSeparators(typed)).ShouldBeTrue();
    }
}
