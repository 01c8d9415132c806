/** One work order as the landing pages list it: plain data, already formatted where it helps. */
export interface OrderSummary {
	id: string;
	serviceName: string;
	address: string | null;
	fieldStatus: string;
	priority: string;
	dueAt: string | null;
	overdue: boolean;
}
