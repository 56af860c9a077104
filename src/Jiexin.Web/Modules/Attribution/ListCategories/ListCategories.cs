using Jiexin.Modules.Attribution.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Attribution.ListCategories;

/// <summary>
/// GET /api/v1/attribution/categories : the enabled taxonomy as a tree (大类 with their 小类), for anyone signed in —
/// residents choose a category by icon and name when they report.
/// </summary>
public static class ListCategories
{
    public sealed record Subcategory(string Code, string Name, string EnglishName, string Label);

    public sealed record Category(string Code, string Name, string EnglishName, string Icon, IReadOnlyList<Subcategory> Subcategories);

    public sealed class Handler(ICategoryDirectory categories)
    {
        public IReadOnlyList<Category> Handle() =>
        [
            .. categories.Groups.Select(g => new Category(
                g.Code, g.Name, g.EnglishName, g.Icon,
                [.. g.Subcategories.Select(s => new Subcategory(s.Code, s.SubcategoryName, s.EnglishName, s.Label))])),
        ];
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder attribution) =>
        attribution.MapGet("/categories", Ok<IReadOnlyList<Category>> (Handler handler) => TypedResults.Ok(handler.Handle()))
            .WithName("Attribution.ListCategories")
            .WithSummary("事件分类（大类 → 小类）");
}
