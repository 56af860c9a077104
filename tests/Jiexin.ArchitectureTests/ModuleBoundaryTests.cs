using System.Reflection;
using NetArchTest.Rules;

namespace Jiexin.ArchitectureTests;

/// <summary>
/// The module boundaries of docs/decisions/0001: a module may use another module only through its Contracts
/// namespace; Platform uses no module; the data library knows no module.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Data = typeof(Jiexin.Data.JiexinDbContext).Assembly;

    private static IReadOnlyList<string> Modules() =>
        [.. Web.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("Jiexin.Modules.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[2])
            .Distinct()
            .Order()];

    private static bool IsIn(Type type, string @namespace) =>
        type.Namespace is { } ns && (ns == @namespace || ns.StartsWith(@namespace + ".", StringComparison.Ordinal));

    /// <summary>Full names of a module's types outside its Contracts: what other modules must not touch.</summary>
    private static string[] InternalTypesOf(string module) =>
        [.. Web.GetTypes()
            .Where(t => IsIn(t, $"Jiexin.Modules.{module}") && !IsIn(t, $"Jiexin.Modules.{module}.Contracts"))
            .Select(t => t.FullName!)
            .Where(n => !n.Contains('<', StringComparison.Ordinal))];

    [Fact]
    public void There_are_modules_to_check()
    {
        Assert.Contains("Territory", Modules());
        Assert.Contains("Accounts", Modules());
    }

    public static TheoryData<string, string> ModulePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Modules())
        {
            foreach (var to in Modules().Where(m => m != from))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModulePairs))]
    public void A_module_uses_another_only_through_its_contracts(string from, string to)
    {
        var forbidden = InternalTypesOf(to);
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace($"Jiexin.Modules.{from}")
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{from} uses internals of {to}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Platform_does_not_depend_on_any_module()
    {
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("Jiexin.Platform")
            .ShouldNot().HaveDependencyOn("Jiexin.Modules")
            .GetResult();

        Assert.True(result.IsSuccessful, "Platform depends on modules: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_data_library_knows_no_module_and_no_platform()
    {
        var result = Types.InAssembly(Data)
            .ShouldNot().HaveDependencyOnAny("Jiexin.Modules", "Jiexin.Platform")
            .GetResult();

        Assert.True(result.IsSuccessful, "Jiexin.Data depends on the web app: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Module_wiring_classes_are_static()
    {
        var wiring = Web.GetTypes().Where(t => t.Namespace?.StartsWith("Jiexin.Modules.", StringComparison.Ordinal) == true
                                               && t.Name.EndsWith("Module", StringComparison.Ordinal)
                                               && t.DeclaringType is null).ToList();
        Assert.NotEmpty(wiring);
        Assert.All(wiring, t => Assert.True(t.IsAbstract && t.IsSealed, $"{t.FullName} should be a static class"));
    }

    [Fact]
    public void Module_entity_configurations_sit_in_the_module_data_folder()
    {
        var misplaced = Web.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Jiexin.Modules.", StringComparison.Ordinal) == true)
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1"))
            .Where(t => t.Namespace is not { } ns || !(ns.EndsWith(".Data", StringComparison.Ordinal) || ns.Contains(".Data.", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(misplaced.Count == 0, "Entity configurations outside a Data namespace: " + string.Join(", ", misplaced));
    }
}
