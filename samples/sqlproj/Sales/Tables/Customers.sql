CREATE TABLE [Sales].[Customers] (
    [CustomerID]          INT             NOT NULL,
    [CustomerName]        NVARCHAR (100)  NOT NULL,
    [BillToCustomerID]    INT             NOT NULL,
    [CustomerCategoryID]  INT             NOT NULL,
    [PrimaryContactPersonID] INT          NOT NULL,
    [CreditLimit]         DECIMAL (18, 2) NULL,
    [AccountOpenedDate]   DATE            NOT NULL,
    [StandardDiscountPercentage] DECIMAL (18, 3) NOT NULL,
    [IsOnCreditHold]      BIT             NOT NULL,
    [PhoneNumber]         NVARCHAR (20)   NOT NULL,
    [WebsiteURL]          NVARCHAR (256)  NOT NULL,
    [LastEditedBy]        INT             NOT NULL,
    CONSTRAINT [PK_Sales_Customers] PRIMARY KEY CLUSTERED ([CustomerID] ASC),
    CONSTRAINT [FK_Sales_Customers_PrimaryContactPersonID_Application_People] FOREIGN KEY ([PrimaryContactPersonID]) REFERENCES [Application].[People] ([PersonID]),
    CONSTRAINT [UQ_Sales_Customers_CustomerName] UNIQUE NONCLUSTERED ([CustomerName] ASC)
);
