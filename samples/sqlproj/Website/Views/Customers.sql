-- Customers as the public website shows them.
CREATE VIEW [Website].[Customers]
AS
SELECT s.CustomerID,
       s.CustomerName,
       p.FullName AS PrimaryContact,
       s.PhoneNumber,
       s.WebsiteURL,
       s.CreditLimit
FROM Sales.Customers AS s
LEFT OUTER JOIN [Application].People AS p
ON s.PrimaryContactPersonID = p.PersonID
WHERE s.IsOnCreditHold = 0;
