using Jiexin.Data;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Jiexin.Platform.Jobs;

namespace Jiexin.Modules.Registry;

/// <summary>信息数据核查库: the basic-data registry — addresses, houses, people, units, roads, facilities — private by design.</summary>
public static class RegistryModule
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IEntityModelSource>(new NamespaceModelSource(typeof(RegistryModule).Assembly, "Jiexin.Modules.Registry"));
        services.AddScoped<RegistryScope>();
        services.AddScoped<TerritoryNames>();
        services.AddScoped<PersonalDataSealer>();
        services.AddScoped<PersonPlacer>();
        services.AddScoped<IRegistryLookup, RegistryLookup>();
        services.AddScoped<IRegistryFigures, Figures.RegistryFigures>();
        services.AddScoped<CreatePerson.CreatePerson.Handler>();
        services.AddScoped<GetPerson.GetPerson.Handler>();
        services.AddScoped<GetPerson.PersonLinks.Handler>();
        services.AddScoped<UpdatePerson.UpdatePerson.Handler>();
        services.AddScoped<ListPeople.ListPeople.Handler>();
        services.AddScoped<RevealPersonalData.RevealPersonalData.Handler>();
        services.AddScoped<SaveAddress.CreateAddress.Handler>();
        services.AddScoped<ListAddresses.ListAddresses.Handler>();
        services.AddScoped<SaveHouse.CreateHouse.Handler>();
        services.AddScoped<ListHouses.ListHouses.Handler>();
        services.AddScoped<ExportPeople.ExportPeople.Handler>();
        services.AddScoped<ImportPeople.ImportPeople.Handler>();
        services.AddSingleton<ImportPeople.PeopleImportJobs>();
        services.AddScoped<Verification.Verification.Handler>();
        services.AddScoped<Verification.ReviewChanges.Handler>();
        services.AddScoped<IStartupTask, Seed.DemoRegistrySeeder>();
        // Units, roads, facilities (部件) and the facility's fault report into the event loop.
        services.AddScoped<RecordPlacer>();
        services.AddScoped<Units.SaveUnit.Handler>();
        services.AddScoped<Units.GetUnit.Handler>();
        services.AddScoped<Units.ListUnits.Handler>();
        services.AddScoped<Units.RevealUnitContact.Handler>();
        services.AddScoped<Roads.SaveRoad.Handler>();
        services.AddScoped<Roads.GetRoad.Handler>();
        services.AddScoped<Roads.ListRoads.Handler>();
        services.AddScoped<Facilities.SaveFacility.Handler>();
        services.AddScoped<Facilities.GetFacility.Handler>();
        services.AddScoped<Facilities.ListFacilities.Handler>();
        services.AddScoped<Facilities.FacilityMap.Handler>();
        services.AddScoped<Facilities.ReportFacilityFault.Handler>();
        services.AddRecurringJob<Facilities.RestoreRepairedFacilitiesJob>();
        services.AddScoped<GetHouse.GetHouse.Handler>();
        services.AddScoped<GetHouse.PlaceLinks.Handler>();
        return builder;
    }

    public static void MapRegistry(this WebApplication app, RouteGroupBuilder api)
    {
        var registry = api.MapGroup("/registry").WithTags("Registry").RequireAuthorization(Policies.Staff);
        var people = registry.MapGroup("/people");
        CreatePerson.CreatePerson.Map(people);
        ListPeople.ListPeople.Map(people);
        ExportPeople.ExportPeople.Map(people);
        ImportPeople.ImportPeople.Map(people);
        GetPerson.GetPerson.Map(people);
        GetPerson.PersonLinks.Map(people);
        UpdatePerson.UpdatePerson.Map(people);
        RevealPersonalData.RevealPersonalData.Map(people);
        var addresses = registry.MapGroup("/addresses");
        SaveAddress.CreateAddress.Map(addresses);
        ListAddresses.ListAddresses.Map(addresses);
        Verification.Verification.Map(registry);
        Verification.ReviewChanges.Map(registry);
        var houses = registry.MapGroup("/houses");
        SaveHouse.CreateHouse.Map(houses);
        ListHouses.ListHouses.Map(houses);
        GetHouse.PlaceLinks.Map(houses, addresses);
        var units = registry.MapGroup("/units");
        Units.SaveUnit.Map(units);
        Units.ListUnits.Map(units);
        Units.GetUnit.Map(units);
        Units.RevealUnitContact.Map(units);
        var roads = registry.MapGroup("/roads");
        Roads.SaveRoad.Map(roads);
        Roads.ListRoads.Map(roads);
        Roads.GetRoad.Map(roads);
        var facilities = registry.MapGroup("/facilities");
        Facilities.SaveFacility.Map(facilities);
        Facilities.ListFacilities.Map(facilities);
        Facilities.FacilityMap.Map(facilities);
        Facilities.GetFacility.Map(facilities);
        Facilities.ReportFacilityFault.Map(facilities);
    }
}
