export * from '@inovda/contracts/routes/notifications';
