using System.Security.Claims;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Jiexin.Platform.Audit;

/// <summary>Who acts and from where, as written into an <see cref="AuditEntry"/>.</summary>
public sealed record AuditActor(Guid? UserId, string UserName, string? ClientIp, string? UserAgent)
{
    public const string SystemName = "system";
    public const string AnonymousName = "anonymous";

    /// <summary>Background work: jobs, start-up seeding.</summary>
    public static readonly AuditActor System = new(null, SystemName, null, null);

    internal static AuditActor From(ClaimsPrincipal? user, string? clientIp, string? userAgent) =>
        user?.Identity?.IsAuthenticated == true
            ? new(user.GetUserId(), Cut(user.Identity.Name, 64) ?? "", clientIp, Cut(userAgent, 256))
            : new(null, AnonymousName, clientIp, Cut(userAgent, 256));

    internal static string? Cut(string? value, int max) => value is { Length: var n } && n > max ? value[..max] : value;
}

/// <summary>
/// Finds the current actor: inside an interactive (Blazor Server) circuit the circuit's user, else the HTTP
/// request's user and address, else <see cref="AuditActor.System"/>.
/// </summary>
public sealed class AuditActorAccessor(IHttpContextAccessor http)
{
    private static readonly AsyncLocal<AuditActor?> CircuitActor = new();

    public AuditActor Current
    {
        get
        {
            if (CircuitActor.Value is { } circuit)
            {
                return circuit;
            }

            var context = http.HttpContext;
            return context is null
                ? AuditActor.System
                : AuditActor.From(context.User, ClientAddress.Of(context), context.Request.Headers.UserAgent.ToString());
        }
    }

    /// <summary>
    /// Set for the duration of each inbound circuit activity (event handler, JS call), so that work done in other
    /// DI scopes created by a page (a handler per operation) is still attributed to the page's user.
    /// </summary>
    internal static void SetCircuitActor(AuditActor? actor) => CircuitActor.Value = actor;
}

/// <summary>Carries the circuit's user and address into every inbound activity (see <see cref="AuditActorAccessor"/>).</summary>
internal sealed class AuditCircuitHandler(AuthenticationStateProvider authentication, IHttpContextAccessor http) : CircuitHandler
{
    private string? _clientIp;
    private string? _userAgent;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The hub connection's request: the browser's address as of this (re)connection.
        if (http.HttpContext is { } context)
        {
            _clientIp = ClientAddress.Of(context);
            _userAgent = context.Request.Headers.UserAgent.ToString();
        }

        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            ClaimsPrincipal? user = null;
            try
            {
                user = (await authentication.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Authentication state not yet set on this circuit: treat as anonymous.
            }

            AuditActorAccessor.SetCircuitActor(AuditActor.From(user, _clientIp, _userAgent));
            try
            {
                await next(context);
            }
            finally
            {
                AuditActorAccessor.SetCircuitActor(null);
            }
        };
}
