using System.Net;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Accounts;

/// <summary>
/// The app as the identity, scope and audit tests need it: a territory to bind accounts to (the demo one when the
/// Territory module seeds it, else a small one of our own) and a client address a test can choose per request.
/// </summary>
public static class AccountsTestHost
{
    /// <summary>Request header that sets the connection's remote address (test hosts have none).</summary>
    public const string ClientIpHeader = "X-Test-Client-Ip";

    public static void Configure(IWebHostBuilder builder, bool seedTerritory = true) =>
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
            if (seedTerritory)
            {
                services.AddScoped<IStartupTask, FallbackTerritorySeeder>();
            }
        });

    /// <summary>Sends the requests of <paramref name="client"/> as coming from <paramref name="ip"/>.</summary>
    public static HttpClient From(this HttpClient client, string ip)
    {
        client.DefaultRequestHeaders.Remove(ClientIpHeader);
        client.DefaultRequestHeaders.Add(ClientIpHeader, ip);
        return client;
    }

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[ClientIpHeader].ToString(), out var ip))
                {
                    http.Connection.RemoteIpAddress = ip;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>
    /// A street with two communities (grids 1-2 and 3) and departments 城管, 司法所 and 住建, seeded after the
    /// Territory module's own seeder and only when that left no street. Then the demo accounts bind to it.
    /// </summary>
    private sealed class FallbackTerritorySeeder(JiexinDbContext db) : IStartupTask
    {
        public int Order => 120;

        public async Task RunAsync(CancellationToken ct)
        {
            if (await db.Set<Street>().AnyAsync(ct))
            {
                return;
            }

            var street = new Street { Id = Guid.NewGuid(), Name = "测试街道", Code = "320282999", IsDemo = true };
            var north = new Community { Id = Guid.NewGuid(), StreetId = street.Id, Name = "北苑社区", Code = "C01", SortOrder = 1 };
            var south = new Community { Id = Guid.NewGuid(), StreetId = street.Id, Name = "南湖社区", Code = "C02", SortOrder = 2 };
            db.Add(street);
            db.AddRange(north, south);
            db.AddRange(
                Grid(north.Id, "第1网格", "G01", 0),
                Grid(north.Id, "第2网格", "G02", 1),
                Grid(south.Id, "第3网格", "G03", 2));
            db.AddRange(
                new Department { Id = Guid.NewGuid(), StreetId = street.Id, Name = "城市管理中队", ShortName = "城管", SortOrder = 1 },
                new Department { Id = Guid.NewGuid(), StreetId = street.Id, Name = "司法所", ShortName = "司法所", Kind = DepartmentKind.MediationChannel, SortOrder = 2 },
                new Department { Id = Guid.NewGuid(), StreetId = street.Id, Name = "住房和建设局", ShortName = "住建", SortOrder = 3 });
            await db.SaveChangesAsync(ct);
        }

        private static Grid Grid(Guid communityId, string name, string code, int column)
        {
            var west = (119.80 + column * 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var east = (119.81 + column * 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Grid
            {
                Id = Guid.NewGuid(),
                CommunityId = communityId,
                Name = name,
                Code = code,
                BoundaryGeoJson = $$"""{"type":"Polygon","coordinates":[[[{{west}},31.43],[{{east}},31.43],[{{east}},31.44],[{{west}},31.44],[{{west}},31.43]]]}""",
            };
        }
    }
}

public sealed class AccountsSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AccountsTestHost.Configure(builder);
    }
}

public sealed class AccountsPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        AccountsTestHost.Configure(builder);
    }
}
