using Jiexin.Data;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Jiexin.Platform.ScaleOut;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Directory;

/// <summary>
/// An in-memory snapshot of the org tree (street, communities, grids, departments) for names and scope checks.
/// Small (hundreds of rows), read on every request, changed rarely: reloaded whole after each change, on this
/// instance at once and on the others when the cluster bus tells them.
/// </summary>
public sealed class TerritoryDirectory : IOrgDirectory, ITerritoryLookup
{
    private const string ChangedTopic = "territory.changed";
    private readonly IServiceScopeFactory _scopes;
    private readonly IClusterBus _cluster;
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public TerritoryDirectory(IServiceScopeFactory scopes, IClusterBus cluster, ILogger<TerritoryDirectory> log)
    {
        _scopes = scopes;
        _cluster = cluster;
        cluster.Subscribe(ChangedTopic, _ => Task.Run(async () =>
        {
            try
            {
                await LoadAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Reloading the org tree after a change on another instance failed");
            }
        }));
    }

    public bool IsDemo => _snapshot.IsDemo;

    public IReadOnlyList<Community> Communities => _snapshot.Communities;

    public IReadOnlyList<Grid> Grids => _snapshot.Grids;

    public IReadOnlyList<Department> Departments => _snapshot.Departments;

    public Street? Street => _snapshot.Street;

    /// <summary>Reloads after a change made here, and tells the other instances to reload too.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await LoadAsync(ct);
        _cluster.Publish(ChangedTopic, "");
    }

    /// <summary>Reloads this instance only (at start, or when another instance changed the tree).</summary>
    internal async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        var street = await db.Set<Street>().AsNoTracking().OrderBy(s => s.Name).FirstOrDefaultAsync(ct);
        var communities = await db.Set<Community>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var grids = await db.Set<Grid>().AsNoTracking().OrderBy(g => g.Code).ThenBy(g => g.Name).ToListAsync(ct);
        var departments = await db.Set<Department>().AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        Replace(street, communities, grids, departments);
    }

    /// <summary>Publishes a new snapshot and raises <see cref="Changed"/> (tests use it to load plain data).</summary>
    internal void Replace(Street? street, List<Community> communities, List<Grid> grids, List<Department> departments)
    {
        _snapshot = new Snapshot(street, communities, grids, departments);
        Changed?.Invoke();
    }

    /// <summary>Raised after every reload (the spatial index rebuilds on it).</summary>
    public event Action? Changed;

    // Built once per snapshot: routing reads them for every report (a fresh list each time was ~4 % of intake's allocations).
    OrgUnitSummary? ITerritoryLookup.Street => _snapshot.StreetSummary;

    IReadOnlyList<OrgUnitSummary> ITerritoryLookup.Communities => _snapshot.CommunitySummaries;

    IReadOnlyList<OrgUnitSummary> ITerritoryLookup.Departments => _snapshot.DepartmentSummaries;

    public IReadOnlyList<OrgUnitSummary> GridsOf(Guid communityId) =>
        [.. _snapshot.Grids.Where(g => g.CommunityId == communityId).Select(g => new OrgUnitSummary(g.Id, g.Name, g.Name, g.CommunityId))];

    IReadOnlyList<GridOutline> ITerritoryLookup.GridOutlines
    {
        get
        {
            var snapshot = _snapshot;
            var order = snapshot.Communities.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
            return
            [
                .. snapshot.Grids
                    .OrderBy(g => order.GetValueOrDefault(g.CommunityId, int.MaxValue))
                    .ThenBy(g => g.Code, StringComparer.Ordinal)
                    .Select(g => new GridOutline(g.Id, g.Name, g.Code, g.CommunityId, g.BoundaryGeoJson)),
            ];
        }
    }

    public IReadOnlyList<Guid> GridIdsOf(Guid communityId) =>
        [.. _snapshot.Grids.Where(g => g.CommunityId == communityId).Select(g => g.Id)];

    public OrgUnitSummary? FindDepartmentByShortName(string shortName) =>
        _snapshot.Departments.FirstOrDefault(d => d.ShortName == shortName) is { } d
            ? new OrgUnitSummary(d.Id, d.Name, d.ShortName, d.StreetId)
            : null;

    public Community? FindCommunity(Guid id) => _snapshot.CommunityById.GetValueOrDefault(id);

    public Grid? FindGrid(Guid id) => _snapshot.GridById.GetValueOrDefault(id);

    public Department? FindDepartment(Guid id) => _snapshot.DepartmentById.GetValueOrDefault(id);

    public bool Exists(OrgUnitRef unit) => unit.Kind switch
    {
        OrgUnitKind.Street => _snapshot.Street?.Id == unit.Id,
        OrgUnitKind.Community => _snapshot.CommunityById.ContainsKey(unit.Id),
        OrgUnitKind.Grid => _snapshot.GridById.ContainsKey(unit.Id),
        OrgUnitKind.Department => _snapshot.DepartmentById.ContainsKey(unit.Id),
        _ => false,
    };

    public string Describe(OrgUnitRef unit)
    {
        var s = _snapshot;
        return unit.Kind switch
        {
            OrgUnitKind.Street => s.Street?.Name ?? "",
            OrgUnitKind.Community => s.CommunityById.GetValueOrDefault(unit.Id)?.Name ?? "",
            OrgUnitKind.Grid => s.GridById.GetValueOrDefault(unit.Id) is { } g
                ? $"{s.CommunityById.GetValueOrDefault(g.CommunityId)?.Name} · {g.Name}"
                : "",
            OrgUnitKind.Department => s.DepartmentById.GetValueOrDefault(unit.Id)?.Name ?? "",
            _ => "",
        };
    }

    public bool Covers(OrgUnitRef scope, OrgUnitRef unit)
    {
        var s = _snapshot;
        if (!Exists(scope))
        {
            return false;
        }

        return scope.Kind switch
        {
            OrgUnitKind.Street => unit.Kind == OrgUnitKind.Street ? unit.Id == scope.Id : Exists(unit),
            OrgUnitKind.Community => unit.Kind switch
            {
                OrgUnitKind.Community => unit.Id == scope.Id,
                OrgUnitKind.Grid => s.GridById.GetValueOrDefault(unit.Id)?.CommunityId == scope.Id,
                _ => false,
            },
            OrgUnitKind.Grid or OrgUnitKind.Department => unit == scope,
            _ => false,
        };
    }

    private sealed record Snapshot(Street? Street, List<Community> Communities, List<Grid> Grids, List<Department> Departments)
    {
        public static readonly Snapshot Empty = new(null, [], [], []);

        public bool IsDemo => Street?.IsDemo == true;

        public Dictionary<Guid, Community> CommunityById { get; } = Communities.ToDictionary(c => c.Id);

        public Dictionary<Guid, Grid> GridById { get; } = Grids.ToDictionary(g => g.Id);

        public Dictionary<Guid, Department> DepartmentById { get; } = Departments.ToDictionary(d => d.Id);

        public OrgUnitSummary? StreetSummary { get; } = Street is { } s ? new OrgUnitSummary(s.Id, s.Name, s.Name, null) : null;

        // Read-only wrappers: one instance is handed to every caller, so none may change it.
        public IReadOnlyList<OrgUnitSummary> CommunitySummaries { get; } =
            Array.AsReadOnly(Communities.Select(c => new OrgUnitSummary(c.Id, c.Name, c.Name, c.StreetId)).ToArray());

        public IReadOnlyList<OrgUnitSummary> DepartmentSummaries { get; } =
            Array.AsReadOnly(Departments.Select(d => new OrgUnitSummary(d.Id, d.Name, d.ShortName, d.StreetId)).ToArray());
    }
}

/// <summary>Loads the directory once the database is migrated and seeded.</summary>
internal sealed class LoadTerritoryDirectory(TerritoryDirectory directory) : IStartupTask
{
    // After the demo territory is seeded (100), before anything that binds to org units (accounts: 200).
    public int Order => 150;

    public Task RunAsync(CancellationToken ct) => directory.LoadAsync(ct);
}
