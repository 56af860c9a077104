using Jiexin.Platform.Text;

namespace Jiexin.Modules.Attribution.Model;

/// <summary>
/// The word view's vocabulary, built at TRAINING time only: jieba segments the training texts, and every word of two or
/// more characters (normalised as the featurizer normalises: width, case, digits) found in at least
/// <c>minDocuments</c> texts is kept, in ordinal order (deterministic). The model file carries the list; serving matches
/// it with <see cref="WordMatcher"/>, so jieba's dictionaries are never needed to classify.
/// </summary>
public static class WordVocabulary
{
    public static string[] FromJieba(IEnumerable<string> texts, int minDocuments, int maxChars)
    {
        var documents = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new char[WordMatcher.MaxWordLength * 2 + 2];
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            seen.Clear();
            foreach (var raw in ChineseWords.Cut(text.Length > maxChars ? text[..maxChars] : text))
            {
                if (raw.Length is < 2 or > WordMatcher.MaxWordLength)
                {
                    continue;
                }

                var n = TextFeaturizer.Normalize(raw, buffer);
                var word = new string(buffer, 0, n);
                if (n < 2 || word.Contains(TextFeaturizer.BoundaryChar) || !word.Any(char.IsLetter) || !seen.Add(word))
                {
                    continue;
                }

                documents[word] = documents.GetValueOrDefault(word) + 1;
            }
        }

        return [.. documents.Where(d => d.Value >= minDocuments).Select(d => d.Key).Order(StringComparer.Ordinal)];
    }
}
