using System.Globalization;

namespace Jiexin.Platform.Localization;

/// <summary>
/// UI text in zh-CN first with its English beside it, chosen by the request's UI culture.
/// Keeping both at the point of use keeps the Chinese authoritative and in view (docs/decisions/0005-ui-text.md).
/// </summary>
public static class Text
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zh, string en) => IsEnglish ? en : zh;
}
