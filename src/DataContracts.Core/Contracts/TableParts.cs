using System.Text;

namespace DataContracts.Contracts;

/// <summary>Splits a qualified table name on dots outside <c>"</c>, <c>`</c> and <c>[]</c> quotes, keeping empty parts so they can be reported.</summary>
internal static class TableParts
{
    public static IReadOnlyList<string> Split(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        char? closing = null;
        foreach (var c in text.Trim())
        {
            if (closing is not null)
            {
                if (c == closing)
                {
                    closing = null;
                }

                current.Append(c);
            }
            else if (c is '"' or '`' or '[')
            {
                closing = c == '[' ? ']' : c;
                current.Append(c);
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}
