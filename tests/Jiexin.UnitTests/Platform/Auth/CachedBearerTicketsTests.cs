using System.Security.Claims;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace Jiexin.UnitTests.Platform.Auth;

public sealed class CachedBearerTicketsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat _inner = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("bearer-test")));

    [Fact]
    public void A_token_is_decoded_once_and_each_caller_gets_its_own_copy()
    {
        var tickets = new CachedBearerTickets(_inner, _clock);
        var token = tickets.Protect(Ticket("grid01"));

        var first = tickets.Unprotect(token)!;
        var second = tickets.Unprotect(token)!;

        Assert.Equal(1, _inner.Decoded);
        Assert.Equal("grid01", second.Principal.Identity!.Name);
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);

        // What one request does to its principal does not reach the next request's.
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Admin"));
        first.Properties.ExpiresUtc = DateTimeOffset.MaxValue;
        var third = tickets.Unprotect(token)!;
        Assert.False(third.Principal.IsInRole("Admin"));
        Assert.Equal(_clock.GetUtcNow().AddHours(1), third.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_remembered_token_is_decoded_again_after_the_lifetime()
    {
        var tickets = new CachedBearerTickets(_inner, _clock);
        var token = tickets.Protect(Ticket("grid01"));
        tickets.Unprotect(token);

        _clock.Advance(CachedBearerTickets.Lifetime - TimeSpan.FromSeconds(1));
        tickets.Unprotect(token);
        Assert.Equal(1, _inner.Decoded);

        _clock.Advance(TimeSpan.FromSeconds(1));
        tickets.Unprotect(token);
        Assert.Equal(2, _inner.Decoded);
    }

    [Fact]
    public void Bad_tokens_are_refused_every_time_and_never_remembered()
    {
        var tickets = new CachedBearerTickets(_inner, _clock);
        var token = tickets.Protect(Ticket("grid01"));
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        Assert.Null(tickets.Unprotect(tampered));
        Assert.Null(tickets.Unprotect(tampered));
        Assert.Equal(2, _inner.Decoded);
        Assert.Equal("grid01", tickets.Unprotect(token)!.Principal.Identity!.Name);
    }

    [Fact]
    public void Different_tokens_decode_to_their_own_users()
    {
        var tickets = new CachedBearerTickets(_inner, _clock);
        var a = tickets.Protect(Ticket("grid01"));
        var b = tickets.Protect(Ticket("resident01"));

        Assert.Equal("grid01", tickets.Unprotect(a)!.Principal.Identity!.Name);
        Assert.Equal("resident01", tickets.Unprotect(b)!.Principal.Identity!.Name);
        Assert.Equal("grid01", tickets.Unprotect(a)!.Principal.Identity!.Name);
        Assert.Equal(2, _inner.Decoded);
    }

    private AuthenticationTicket Ticket(string user) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Identity.Bearer")),
            new AuthenticationProperties { ExpiresUtc = _clock.GetUtcNow().AddHours(1) }, "Identity.Bearer");

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decoded { get; private set; }

        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decoded++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}
