CREATE TABLE [Sales].[OldOrders] ([OrderID] INT NOT NULL);
