namespace Warehouse;

/// <summary>The project's own code; the check runs on the SQL models next to it.</summary>
public static class Tables
{
    public const string Orders = "ANALYTICS.MARTS.ORDERS";
}
