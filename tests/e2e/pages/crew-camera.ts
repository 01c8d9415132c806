import type { Page } from '@playwright/test';

/**
 * A real, decodable camera-sized JPEG, drawn in the page: larger than 1600 px so compression
 * shows, and labelled so that each photo of a test has its own bytes (photos are content addressed).
 */
export async function cameraJpeg(page: Page, label = 'patched'): Promise<Buffer> {
	const base64 = await page.evaluate(async (text) => {
		const canvas = document.createElement('canvas');
		canvas.width = 2400;
		canvas.height = 1800;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d context');
		context.fillStyle = '#556b2f';
		context.fillRect(0, 0, 2400, 1800);
		context.fillStyle = '#222';
		context.beginPath();
		context.ellipse(1200, 900, 600, 300, 0, 0, Math.PI * 2);
		context.fill();
		context.fillStyle = '#fff';
		context.font = '120px sans-serif';
		context.fillText(`${text} ${Date.now()}`, 200, 300);
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
		if (!blob) throw new Error('no JPEG');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let binary = '';
		for (const byte of bytes) binary += String.fromCharCode(byte);
		return btoa(binary);
	}, label);
	return Buffer.from(base64, 'base64');
}
